#!/usr/bin/env node
// Trunk post-build step (scripts/post-build.sh, last, release builds only: a debug wasm is large
// and `trunk serve` rebuilds often): every text, wasm and data file of the site gets a Brotli
// copy beside it (`FILE.br`, quality 11, Node's zlib), for servers that send precompressed files
// (the README's publishing section says which).
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('compress.js runs as a Trunk post_build step (TRUNK_STAGING_DIR is not set)');
  process.exit(1);
}
const COMPRESS = ['.html', '.js', '.css', '.wasm', '.bin', '.svg', '.json', '.yaml'];

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [full];
  });
}

for (const file of walk(staging).filter((f) => COMPRESS.includes(path.extname(f))).sort()) {
  const data = fs.readFileSync(file);
  fs.writeFileSync(file + '.br', zlib.brotliCompressSync(data, { params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
}
