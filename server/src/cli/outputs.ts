import type { NodeRunRecord } from '@atelier/engine';
import type { ImageValue, PortValue, Source, Workflow } from '@atelier/graph';
import { registry } from '@atelier/nodes';
import { access, constants, mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BlobStore } from '../blobs/blob-store';

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/webp': 'webp',
  'image/jpeg': 'jpg',
};

const isImage = (value: PortValue | undefined): value is ImageValue =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'blob' in value;

const isSources = (value: PortValue | undefined): value is Source[] => Array.isArray(value);

/**
 * Writes each result node's outputs into `dir`: images as `<node>.<ext>`, a revised
 * prompt as `<node>.revised_prompt.txt`, a web search as `<node>.txt` (summary, then
 * sources). Returns the paths written.
 */
export const writeOutputs = async (
  dir: string,
  workflow: Workflow,
  nodes: Record<string, NodeRunRecord>,
  blobs: Pick<BlobStore, 'get'>,
): Promise<string[]> => {
  const types = new Map(workflow.nodes.map((node) => [node.id, node.type]));
  const files: string[] = [];
  const write = async (name: string, data: Uint8Array | string) => {
    if (files.length === 0) await mkdir(dir, { recursive: true });
    const path = join(dir, name);
    await writeFile(path, data);
    files.push(path);
  };
  for (const [nodeId, node] of Object.entries(nodes)) {
    const type = types.get(nodeId);
    // Input nodes only pass on what they were given: their outputs are not results.
    const role = type === undefined ? undefined : registry.get(type)?.role;
    if (node.status !== 'succeeded' || !node.outputs || role !== 'step') continue;
    const { image, revised_prompt: revised, text, sources } = node.outputs;
    if (isImage(image))
      await write(`${nodeId}.${EXTENSIONS[image.mime] ?? 'bin'}`, await blobs.get(image.blob));
    if (typeof revised === 'string' && revised)
      await write(`${nodeId}.revised_prompt.txt`, `${revised}\n`);
    if (typeof text === 'string') {
      const list = isSources(sources)
        ? sources.map((s) => `- ${s.title} <${s.url}>`).join('\n')
        : '';
      await write(`${nodeId}.txt`, `${text}\n${list ? `\nSources:\n${list}\n` : ''}`);
    }
  }
  return files;
};

/**
 * Writes the run's named outputs (DESIGN.md §13) into `dir`, each file named after its output:
 * an image as `<name>.<ext>`, text as `<name>.txt`, sources as `<name>.sources.txt`.
 * Returns the paths written.
 */
export const writeNamedOutputs = async (
  dir: string,
  outputs: Record<string, PortValue>,
  blobs: Pick<BlobStore, 'get'>,
): Promise<string[]> => {
  const files: string[] = [];
  const write = async (name: string, data: Uint8Array | string) => {
    if (files.length === 0) await mkdir(dir, { recursive: true });
    const path = join(dir, name);
    await writeFile(path, data);
    files.push(path);
  };
  for (const [name, value] of Object.entries(outputs)) {
    if (isImage(value))
      await write(`${name}.${EXTENSIONS[value.mime] ?? 'bin'}`, await blobs.get(value.blob));
    else if (typeof value === 'string') await write(`${name}.txt`, `${value}\n`);
    else if (isSources(value))
      await write(
        `${name}.sources.txt`,
        `${value.map((s) => `- ${s.title} <${s.url}>`).join('\n')}\n`,
      );
    else if (typeof value === 'object' && value !== null && 'blob' in value)
      await write(`${name}.png`, await blobs.get(value.blob));
  }
  return files;
};

/**
 * Why results could not be written to `dir`, or undefined when they can: checked before any
 * API call, so a paid run never ends in a raw ENOTDIR. `dir` itself, or the nearest folder
 * above it that exists, must be a writable folder.
 */
export const outDirProblem = async (dir: string): Promise<string | undefined> => {
  for (let at = dir; ; at = dirname(at)) {
    const info = await stat(at).catch(() => undefined);
    if (info) {
      if (!info.isDirectory())
        return at === dir
          ? `--out ${dir} is a file, not a folder; choose a folder for the results`
          : `--out ${dir} cannot be made: ${at} is a file, not a folder`;
      try {
        await access(at, constants.W_OK);
      } catch {
        return `--out ${dir} cannot be written: no permission to write in ${at}`;
      }
      return undefined;
    }
    if (dirname(at) === at) return undefined;
  }
};
