"""The first run: the wizard offered when a workspace has no user yet (nobody signs in it: no key file was
exported, ``queries.sync.OwnSetup.has_user``), and the passphrase-protected key file's session access."""
