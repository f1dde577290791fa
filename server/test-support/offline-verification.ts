import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The ```sh blocks of docs/certificates.md, in order: inspect the key, extract, verify (dgst), verify (pkeyutl) —
 * run as written against a folder holding certificate.json and pub.pem.
 */
export const documentedCommands = [
  ...fs
    .readFileSync(path.join(import.meta.dirname, '../../docs/certificates.md'), 'utf8')
    .matchAll(/^( *)```sh\n([\s\S]*?)^\1```$/gm),
].map(([, indent, body]) =>
  body!
    .split('\n')
    .map((line) => line.slice(indent!.length))
    .join('\n'),
);

/** Runs one documented block in `folder` with bash -e. */
export function runDocumented(folder: string, script: string) {
  return spawnSync('bash', ['-e', '-c', script], { cwd: folder, encoding: 'utf8' });
}

/** A folder with the files the documentation names: certificate.json (as downloaded) and pub.pem. */
export function verificationFolder(parent: string, name: string, certificateJson: string, pem: string): string {
  const folder = path.join(parent, name);
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, 'certificate.json'), certificateJson);
  fs.writeFileSync(path.join(folder, 'pub.pem'), pem);
  return folder;
}
