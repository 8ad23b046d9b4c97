; NSIS installer of the one-folder PyInstaller build (packaging/inspector.spec): a per-user install in
; %LOCALAPPDATA%\Programs\Inspector (no administrator rights), a Start-menu entry, .inspbundle files opening
; in Inspector (its import), an entry in "Apps & features" and an uninstaller that removes exactly the
; installed files. The workspace (%LOCALAPPDATA%\inspector-app) is the user's data and is never touched.
;
; Build (packaging/README.md has the whole Windows procedure, with signing):
;   python packaging\windows\files.py dist\Inspector build\files.nsh build\uninstall-files.nsh
;   makensis /DVERSION=0.1.0 /DFILES=%CD%\build\files.nsh /DUNINSTALL_FILES=%CD%\build\uninstall-files.nsh ^
;            /DOUTFILE=%CD%\dist\Inspector-0.1.0-Setup.exe packaging\windows\installer.nsi
; Optional: /DSIGN="signtool sign /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 /a" signs the
; installer and the uninstaller it carries; /DFAST stores the files uncompressed (CI's syntax check).
; CI compiles this script with Debian's makensis against the Linux build's file list (scripts/test-package.sh).

Unicode true

!ifndef VERSION
  !error "Give the version: makensis /DVERSION=x.y.z (inspector_app/__init__.py's __version__)"
!endif
!ifndef FILES
  !error "Give the file list: /DFILES=…\files.nsh (made by packaging\windows\files.py)"
!endif
!ifndef UNINSTALL_FILES
  !error "Give the uninstall list: /DUNINSTALL_FILES=…\uninstall-files.nsh (packaging\windows\files.py)"
!endif
!ifndef OUTFILE
  !define OUTFILE "Inspector-${VERSION}-Setup.exe"
!endif

!define APPNAME "Inspector"
!define EXE "inspector-app.exe"
!define PUBLISHER "Inspector"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Inspector"
!define SETTINGS_KEY "Software\Inspector"
!define BUNDLE_CLASS "Inspector.Bundle"

!ifdef FAST
  SetCompress off
!else
  SetCompressor /SOLID lzma
!endif
!ifdef SIGN
  !finalize '${SIGN} "%1"'
  !uninstfinalize '${SIGN} "%1"'
!endif

Name "${APPNAME} ${VERSION}"
Caption "${APPNAME} ${VERSION} 安装"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APPNAME}"
InstallDirRegKey HKCU "${SETTINGS_KEY}" "InstallDir"
RequestExecutionLevel user
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APPNAME} 安全生产标准化回头看检查 – 安装程序"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "LegalCopyright" "${PUBLISHER}"

!include "MUI2.nsh"
!define MUI_ICON "..\icons\inspector-app.ico"  ; makensis works in the script's folder
!define MUI_UNICON "..\icons\inspector-app.ico"  ; makensis works in the script's folder
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

Function .onInit
  SetShellVarContext current
  ; An earlier version is uninstalled first (silently, keeping the workspace), so no stale file stays behind.
  ReadRegStr $0 HKCU "${UNINSTALL_KEY}" "QuietUninstallString"
  ReadRegStr $1 HKCU "${UNINSTALL_KEY}" "InstallLocation"
  StrCmp $0 "" done
  IfFileExists "$1\Uninstall.exe" 0 done
  ExecWait '"$1\Uninstall.exe" /S _?=$1'
  Delete "$1\Uninstall.exe"
  RMDir "$1"
  done:
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "Install"
  SetOutPath "$INSTDIR"
  !include "${FILES}"
  WriteUninstaller "$INSTDIR\Uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 SW_SHOWNORMAL "" \
    "安全生产标准化回头看检查"

  ; .inspbundle opens in Inspector: `inspector-app.exe gui FILE` imports it once the workspace is open.
  ; (Encrypted bundles end in .inspbundle.enc; Windows goes by the last extension and .enc is not ours.)
  WriteRegStr HKCU "Software\Classes\.inspbundle" "" "${BUNDLE_CLASS}"
  WriteRegStr HKCU "Software\Classes\.inspbundle" "Content Type" "application/x-inspector-bundle"
  WriteRegStr HKCU "Software\Classes\${BUNDLE_CLASS}" "" "Inspector 数据包"
  WriteRegStr HKCU "Software\Classes\${BUNDLE_CLASS}\DefaultIcon" "" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "Software\Classes\${BUNDLE_CLASS}\shell\open\command" "" '"$INSTDIR\${EXE}" gui "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'  ; SHCNE_ASSOCCHANGED

  WriteRegStr HKCU "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APPNAME} 安全生产标准化回头看检查"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  ; The workspace in %LOCALAPPDATA%\inspector-app is the user's data and is left in place.
  !include "${UNINSTALL_FILES}"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APPNAME}.lnk"

  ; The association goes only while it is still ours.
  ReadRegStr $0 HKCU "Software\Classes\.inspbundle" ""
  StrCmp $0 "${BUNDLE_CLASS}" 0 +2
    DeleteRegKey HKCU "Software\Classes\.inspbundle"
  DeleteRegKey HKCU "Software\Classes\${BUNDLE_CLASS}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${SETTINGS_KEY}"
SectionEnd
