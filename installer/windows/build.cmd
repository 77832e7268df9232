@echo off
rem Builds the Windows till: the PyInstaller bundle (same spec as Linux), then the
rem installer with Inno Setup 6 (iscc on PATH). Run from a checkout on Windows with Python 3.11+.
rem   installer\windows\build.cmd   ->  dist\membership-till\pos.exe, dist\membership-till-setup.exe
setlocal
cd /d "%~dp0\..\.."
if not exist .venv\Scripts\python.exe py -3 -m venv .venv || exit /b 1
.venv\Scripts\python -m pip install -q --require-hashes -r installer\lock\bundle.txt || exit /b 1
.venv\Scripts\python -m pip install -q --no-deps --no-build-isolation -e . || exit /b 1
.venv\Scripts\pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build\pyinstaller installer\bundle\pos.spec || exit /b 1
for /f "tokens=2" %%v in ('dist\membership-till\pos.exe --version') do set VERSION=%%v
iscc /DAppVersion=%VERSION% installer\windows\membership-till.iss || exit /b 1
