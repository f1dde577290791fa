import { fingerprintWords } from '../documents/fingerprint.js';
import { BROWSER_DIGESTS_SOURCE } from './browser-digests.js';

export interface ManifestEntry {
  path: string;
  size: number;
  sha256: string;
  sm3: string;
}

export interface Manifest {
  title: string;
  authorityName: string;
  generatedAt: string;
  platforms: { folder: string; platformName: string; unitName: string; channel: string }[];
  /** Per city: the SM3 of its SM3SUMS.txt, printed on its 推荐文件 and 推荐表 (documents/fingerprint.ts). */
  fingerprints: { authorityName: string; sumsPath: string; sm3: string; docNumber: string | null }[];
  files: ManifestEntry[];
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * index.html of the disc: opens from the unpacked folder with no network, lists the platforms and their
 * files, and verifies every file against the manifest (SHA-256 and SM3 in JavaScript, both over the same
 * 4 MB slices, so a file of any size is read once in constant memory) once the reader picks the unpacked
 * folder, showing any mismatch or missing file and the progress through large files.
 */
export function renderOfflineIndex(m: Manifest): string {
  const data = JSON.stringify(m).replace(/</g, '\\u003c');
  // Files grouped under their platform (or, for a city's own documents, under 推荐文件与汇总表).
  const groupOf = (path: string) => {
    const platform = m.platforms.find((p) => path.startsWith(`${p.folder}/`));
    if (platform) return `${platform.platformName}（${platform.folder}）`;
    const slash = path.lastIndexOf('/');
    return slash < 0 ? '推荐文件与汇总表' : `${path.slice(0, slash)} 推荐文件与汇总表`;
  };
  let group = '';
  const rows = m.files
    .map((f) => {
      const g = groupOf(f.path);
      const heading = g === group ? '' : `<tr class="group"><th colspan="4">${escapeHtml(g)}</th></tr>\n`;
      group = g;
      return `${heading}<tr data-path="${escapeHtml(f.path)}"><td>${escapeHtml(f.path)}</td><td class="n">${f.size.toLocaleString('en-US')}</td><td class="mono">${f.sha256}<br>${f.sm3}</td><td class="state">未校验</td></tr>`;
    })
    .join('\n');
  const platforms = m.platforms
    .map(
      (p) =>
        `<li><b>${escapeHtml(p.platformName)}</b>（${escapeHtml(p.unitName)}；${escapeHtml(p.channel)}）— 文件夹 ${escapeHtml(p.folder)}</li>`,
    )
    .join('\n');
  const fingerprints = m.fingerprints
    .map(
      (f) =>
        `<tr data-sums="${escapeHtml(f.sumsPath)}"><td>${escapeHtml(f.authorityName)}</td><td>${escapeHtml(f.docNumber ?? '（未报送）')}</td><td class="mono big">${fingerprintWords(f.sm3)}</td><td class="mono">${f.sm3}</td><td class="state">未校验</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(m.title)}</title>
<style>
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:24px;color:#1f2937}
h1{font-size:22px}table{border-collapse:collapse;width:100%;font-size:13px}td,th{border:1px solid #d1d5db;padding:4px 6px;vertical-align:top}
.mono{font-family:Consolas,monospace;font-size:11px;word-break:break-all}.mono.big{font-size:16px;font-weight:bold;white-space:nowrap}.n{text-align:right}
tr.ok .state{color:#15803d}tr.bad .state{color:#b91c1c;font-weight:bold}tr.missing .state{color:#b45309;font-weight:bold}
#summary{margin:12px 0;font-weight:bold}tr.group th{background:#eef2f7;text-align:left}
</style></head><body>
<h1>${escapeHtml(m.title)}</h1>
<p>推荐单位：${escapeHtml(m.authorityName)}　生成时间：${escapeHtml(m.generatedAt)}</p>
<h2>光盘材料指纹</h2>
<p>纸质推荐文件、推荐表上印的“光盘材料指纹（SM3）”应与下表一致：它是各市 SM3SUMS.txt 文件的 SM3 值，该文件逐行列出每份申报材料的 SM3 与路径。</p>
<table id="fingerprints"><thead><tr><th>推荐单位</th><th>发文字号</th><th>指纹（前8位…后8位）</th><th>完整 SM3</th><th>校验结果</th></tr></thead><tbody>
${fingerprints}
</tbody></table>
<h2>推荐平台</h2><ol>${platforms}</ol>
<h2>文件校验</h2>
<p>选择光盘（或解压后）的文件夹，本页将逐一计算 SHA-256 与 SM3 并与清单比对，无需联网。</p>
<input type="file" id="folder" webkitdirectory multiple>
<div id="summary">尚未校验</div>
<table><thead><tr><th>文件</th><th>大小（字节）</th><th>SHA-256 / SM3</th><th>校验结果</th></tr></thead><tbody>
${rows}
</tbody></table>
<script id="manifest" type="application/json">${data}</script>
<script>
${BROWSER_DIGESTS_SOURCE}
(function () {
  var manifest = JSON.parse(document.getElementById('manifest').textContent);
  function relative(file) { var p = file.webkitRelativePath || file.name; var i = p.indexOf('/'); return i >= 0 ? p.slice(i + 1) : p; }
  async function digest(file, onProgress) {
    var sm3 = new SM3(), sha = new SHA256(), chunk = 4 * 1024 * 1024;
    for (var o = 0; o < file.size; o += chunk) {
      var bytes = new Uint8Array(await file.slice(o, o + chunk).arrayBuffer());
      sm3.update(bytes);
      sha.update(bytes);
      if (onProgress) onProgress(Math.min(o + chunk, file.size));
    }
    return { sha256: sha.hex(), sm3: sm3.hex() };
  }
  document.getElementById('folder').addEventListener('change', async function (e) {
    var byPath = {};
    Array.prototype.forEach.call(e.target.files, function (f) { byPath[relative(f)] = f; });
    var ok = 0, bad = 0, missing = 0;
    for (var i = 0; i < manifest.files.length; i++) {
      var entry = manifest.files[i];
      var row = document.querySelector('tr[data-path="' + CSS.escape(entry.path) + '"]');
      var file = byPath[entry.path];
      var sums = document.querySelector('tr[data-sums="' + CSS.escape(entry.path) + '"]');
      if (!file) {
        row.className = 'missing'; row.querySelector('.state').textContent = '缺失'; missing++;
        if (sums) { sums.className = 'missing'; sums.querySelector('.state').textContent = '缺失 SM3SUMS.txt'; }
        continue;
      }
      var state = row.querySelector('.state');
      var d = await digest(file, file.size > 16 * 1024 * 1024 ? function (done) { state.textContent = '校验中 ' + Math.floor((done * 100) / file.size) + '%'; } : null);
      var same = file.size === entry.size && d.sha256 === entry.sha256 && d.sm3 === entry.sm3;
      row.className = same ? 'ok' : 'bad';
      row.querySelector('.state').textContent = same ? '一致' : '不一致';
      if (sums) { sums.className = row.className; sums.querySelector('.state').textContent = same ? '与纸质材料所印指纹一致' : '不一致'; }
      if (same) ok++; else bad++;
    }
    document.getElementById('summary').textContent = '校验完成：一致 ' + ok + ' 个，不一致 ' + bad + ' 个，缺失 ' + missing + ' 个';
    document.body.dataset.verified = 'true';
  });
})();
</script>
</body></html>
`;
}
