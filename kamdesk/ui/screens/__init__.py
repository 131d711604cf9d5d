"""The workstation's screens. Each is a `Screen` built from a `ScreenSpec`; the main window only
hosts them (no god MainWindow)."""
