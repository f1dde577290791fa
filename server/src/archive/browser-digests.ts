/**
 * SM3 (GB/T 32905-2016) and SHA-256 (FIPS 180-4) in plain browser JavaScript, incremental, for the
 * offline index.html of the package: no network, no WebCrypto support for SM3, and WebCrypto's SHA-256
 * only digests a whole buffer, which would read a multi-gigabyte evidence file into memory at once.
 * Both are Merkle–Damgård over 64-byte blocks with the same big-endian length padding, so SHA256 shares
 * SM3's update and hex. Kept as source text so that the same code is embedded in the page and tested
 * against node:crypto.
 */
export const BROWSER_DIGESTS_SOURCE = String.raw`
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
function SHA256() {
  this.v = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  this.buf = new Uint8Array(64);
  this.len = 0;
  this.total = 0;
  this.w = new Uint32Array(64);
}
SHA256.K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
]);
SHA256.prototype.block = function (b, o) {
  var w = this.w, v = this.v, K = SHA256.K, j;
  for (j = 0; j < 16; j++) w[j] = (b[o + 4 * j] << 24) | (b[o + 4 * j + 1] << 16) | (b[o + 4 * j + 2] << 8) | b[o + 4 * j + 3];
  for (j = 16; j < 64; j++) {
    var x = w[j - 15], y = w[j - 2];
    var s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    var s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[j] = (w[j - 16] + s0 + w[j - 7] + s1) | 0;
  }
  var A = v[0] | 0, B = v[1] | 0, C = v[2] | 0, D = v[3] | 0, E = v[4] | 0, F = v[5] | 0, G = v[6] | 0, H = v[7] | 0;
  for (j = 0; j < 64; j++) {
    var S1 = ((E >>> 6) | (E << 26)) ^ ((E >>> 11) | (E << 21)) ^ ((E >>> 25) | (E << 7));
    var t1 = (H + S1 + ((E & F) ^ (~E & G)) + K[j] + w[j]) | 0;
    var S0 = ((A >>> 2) | (A << 30)) ^ ((A >>> 13) | (A << 19)) ^ ((A >>> 22) | (A << 10));
    var t2 = (S0 + ((A & B) ^ (A & C) ^ (B & C))) | 0;
    H = G; G = F; F = E; E = (D + t1) | 0; D = C; C = B; B = A; A = (t1 + t2) | 0;
  }
  v[0] += A; v[1] += B; v[2] += C; v[3] += D; v[4] += E; v[5] += F; v[6] += G; v[7] += H;
};
SHA256.prototype.update = SM3.prototype.update;
SHA256.prototype.hex = SM3.prototype.hex;
`;
