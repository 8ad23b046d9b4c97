; NSIS installer for the PyInstaller build in dist\Inspector (makensis packaging\windows\installer.nsi)
Unicode true
!define APPNAME "Inspector"
Name "${APPNAME} 安全生产标准化回头看检查"
OutFile "..\..\dist\Inspector-Setup.exe"
InstallDir "$LOCALAPPDATA\Programs\${APPNAME}"
RequestExecutionLevel user

Section "Install"
  SetOutPath "$INSTDIR"
  File /r "..\..\dist\Inspector\*.*"
  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\inspector-app.exe"
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\inspector-app.exe"
  WriteUninstaller "$INSTDIR\Uninstall.exe"
SectionEnd

Section "Uninstall"
  ; The workspace in %LOCALAPPDATA%\inspector-app is the user's data and is left in place.
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  RMDir /r "$INSTDIR"
SectionEnd
