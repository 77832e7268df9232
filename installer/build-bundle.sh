#!/usr/bin/env bash
# Builds the one-folder till bundle with PyInstaller into dist/membership-till/ (its
# executable: dist/membership-till/pos) and, on Linux, the installable tarball
# dist/membership-till-VERSION-linux-ARCH.tar.gz (bundle + install.sh + .desktop + icon).
# Needs the set-up of installer/setup.sh (run here) and network access to PyPI once.
set -euo pipefail
cd "$(dirname "$0")/.."
installer/setup.sh
.venv/bin/python -m pip install -q --require-hashes -r installer/lock/bundle.txt  # pyinstaller, pinned
rm -rf dist/membership-till build/pyinstaller
.venv/bin/pyinstaller --noconfirm --log-level ERROR --distpath dist --workpath build/pyinstaller \
  installer/bundle/pos.spec
version=$(dist/membership-till/pos --version | cut -d' ' -f2)
name="membership-till-$version-linux-$(uname -m)"
staging="build/$name"
rm -rf "$staging"
mkdir -p "$staging"
cp -R dist/membership-till "$staging/"
cp installer/bundle/install.sh installer/bundle/membership-till.desktop \
   resources/icons/membership-till.png "$staging/"
tar -C build -czf "dist/$name.tar.gz" "$name"
rm -rf "$staging"
echo "bundle: dist/membership-till ($(du -sh dist/membership-till | cut -f1)); tarball: dist/$name.tar.gz ($(du -sh "dist/$name.tar.gz" | cut -f1))"
