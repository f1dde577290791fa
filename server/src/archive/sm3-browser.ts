/**
 * SM3 (GB/T 32905-2016) in plain browser JavaScript, incremental, for the offline index.html of the
 * package: no network and no WebCrypto support for SM3. Kept as source text so that the same code is
 * embedded in the page and tested against node:crypto.
 */
export const SM3_BROWSER_SOURCE = String.raw`
function SM3() {
  this.v = new Uint32Array([0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e]);
  this.buf = new Uint8Array(64);
  this.len = 0;
  this.total = 0;
  this.w = new Uint32Array(68);
  this.w1 = new Uint32Array(64);
}
SM3.rotl = function (x, n) { n %= 32; return ((x << n) | (x >>> (32 - n))) >>> 0; };
SM3.prototype.block = function (b, o) {
  var r = SM3.rotl, w = this.w, w1 = this.w1, v = this.v, j;
  for (j = 0; j < 16; j++) w[j] = ((b[o + 4 * j] << 24) | (b[o + 4 * j + 1] << 16) | (b[o + 4 * j + 2] << 8) | b[o + 4 * j + 3]) >>> 0;
  for (j = 16; j < 68; j++) {
    var x = w[j - 16] ^ w[j - 9] ^ r(w[j - 3], 15);
    w[j] = (x ^ r(x, 15) ^ r(x, 23) ^ r(w[j - 13], 7) ^ w[j - 6]) >>> 0;
  }
  for (j = 0; j < 64; j++) w1[j] = (w[j] ^ w[j + 4]) >>> 0;
  var A = v[0], B = v[1], C = v[2], D = v[3], E = v[4], F = v[5], G = v[6], H = v[7];
  for (j = 0; j < 64; j++) {
    var t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
    var ss1 = r((r(A, 12) + E + r(t, j)) >>> 0, 7);
    var ss2 = (ss1 ^ r(A, 12)) >>> 0;
    var ff = j < 16 ? A ^ B ^ C : (A & B) | (A & C) | (B & C);
    var gg = j < 16 ? E ^ F ^ G : (E & F) | (~E & G);
    var tt1 = (ff + D + ss2 + w1[j]) >>> 0;
    var tt2 = (gg + H + ss1 + w[j]) >>> 0;
    D = C; C = r(B, 9); B = A; A = tt1; H = G; G = r(F, 19); F = E;
    E = (tt2 ^ r(tt2, 9) ^ r(tt2, 17)) >>> 0;
  }
  v[0] ^= A; v[1] ^= B; v[2] ^= C; v[3] ^= D; v[4] ^= E; v[5] ^= F; v[6] ^= G; v[7] ^= H;
};
SM3.prototype.update = function (data) {
  var i = 0;
  this.total += data.length;
  if (this.len > 0) {
    while (this.len < 64 && i < data.length) this.buf[this.len++] = data[i++];
    if (this.len < 64) return this;
    this.block(this.buf, 0);
    this.len = 0;
  }
  for (; i + 64 <= data.length; i += 64) this.block(data, i);
  while (i < data.length) this.buf[this.len++] = data[i++];
  return this;
};
SM3.prototype.hex = function () {
  var bits = this.total * 8, pad = new Uint8Array((this.len < 56 ? 64 : 128) - this.len), k;
  pad[0] = 0x80;
  var hi = Math.floor(bits / 4294967296), lo = bits >>> 0;
  for (k = 0; k < 4; k++) { pad[pad.length - 8 + k] = (hi >>> (24 - 8 * k)) & 255; pad[pad.length - 4 + k] = (lo >>> (24 - 8 * k)) & 255; }
  this.total -= pad.length;
  this.update(pad);
  var out = '';
  for (k = 0; k < 8; k++) out += ('00000000' + this.v[k].toString(16)).slice(-8);
  return out;
};
`;
