import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const fixturePath = (name: string): string => fileURLToPath(new URL(`../../fixtures/transcripts/${name}`, import.meta.url));
export const fixtureBytes = (name: string): Uint8Array => readFileSync(fixturePath(name));
export const fixtureText = (name: string): string => readFileSync(fixturePath(name), 'utf8').replace(/\r\n?/g, '\n');
/** The shared research data sets, beside the repository (../shared/data). */
export const sharedData = (path: string): string => fileURLToPath(new URL(`../../../../shared/data/${path}`, import.meta.url));
