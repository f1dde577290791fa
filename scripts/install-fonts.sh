#!/usr/bin/env bash
# Free fonts for the 推荐文件 (run as root; idempotent):
# - FandolFang (仿宋, GPL with the font exception: embedding in documents is allowed), taken from Debian's
#   texlive-lang-chinese package without installing it (that would pull in TeX Live), for the PDF's body text;
# - a fontconfig alias file, so LibreOffice renders the fonts the Word output names with free fonts:
#   仿宋_GB2312 / 仿宋 / FangSong → FandolFang, 方正小标宋简体 → Noto Serif CJK SC, 黑体 → Noto Sans CJK SC.
set -euo pipefail

FONT_DIR=/usr/local/share/fonts/fandol
FONT=$FONT_DIR/FandolFang-Regular.otf
ALIASES=/etc/fonts/conf.d/60-shenbao-official-fonts.conf
IN_DEB=./usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf

changed=no
if [ ! -s "$FONT" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  chmod 755 "$tmp" # apt downloads as its unprivileged user
  download() { (cd "$tmp" && apt-get download -qq texlive-lang-chinese); }
  download || { apt-get update -qq && download; }
  dpkg-deb --fsys-tarfile "$tmp"/texlive-lang-chinese_*.deb | tar -x -C "$tmp" "$IN_DEB"
  install -D -m 0644 "$tmp/$IN_DEB" "$FONT"
  echo "installed $FONT"
  changed=yes
fi

alias_xml() {
  cat <<'XML'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<!-- Shenbao: free fonts for the official fonts named in generated Word files (scripts/install-fonts.sh). -->
<fontconfig>
  <alias binding="same"><family>仿宋_GB2312</family><prefer><family>FandolFang</family></prefer></alias>
  <alias binding="same"><family>仿宋</family><prefer><family>FandolFang</family></prefer></alias>
  <alias binding="same"><family>FangSong</family><prefer><family>FandolFang</family></prefer></alias>
  <alias binding="same"><family>方正小标宋简体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
  <alias binding="same"><family>SimHei</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
</fontconfig>
XML
}
if ! alias_xml | cmp -s - "$ALIASES" 2>/dev/null; then
  alias_xml >"$ALIASES"
  echo "installed $ALIASES"
  changed=yes
fi

if [ "$changed" = yes ]; then fc-cache -f >/dev/null; fi
