"""The back office's staff list: managers add, edit, disable and re-enable staff, reset
PINs, register badges and set the PIN policy (``StaffAdmin``)."""
