/** The library recipe the CLI-against-a-server tests save, and how they run it. */
import { posterWorkflow } from './server-helpers';

/** "Kite poster": prompt (`subject`) → generate, output `poster`. */
export const kitePoster = () => posterWorkflow('Kite poster', 'A kite');

/** `atelier run "Kite poster" --server <url> …more`: the recipe run by its library name. */
export const runKitePoster = (url: string, ...more: string[]): string[] => [
  'run',
  'Kite poster',
  '--server',
  url,
  ...more,
];

/** The run both tests check for progress and files: a new subject, `--json`, files in `out`. */
export const runKitePosterInto = (url: string, out: string): string[] =>
  runKitePoster(url, '--set', 'subject=A red kite', '--out', out, '--json');
