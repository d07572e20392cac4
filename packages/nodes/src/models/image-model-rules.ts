import { STATIC_CATALOGUE, type ModelCatalogue } from './model-catalogue';
import type { CustomSizeRules, ImageModelEntry, ImageQuality } from './model-entry';

/** Sizes every image model accepts; models with `customSizes` also take `WxH`. */
export const STANDARD_SIZES = ['auto', '1024x1024', '1024x1536', '1536x1024'] as const;

export const isStandardSize = (size: string): boolean =>
  (STANDARD_SIZES as readonly string[]).includes(size);

/** A problem with one field of a node's data, for the model it will use. */
export interface ModelProblem {
  field: string;
  message: string;
  /** Warnings do not stop a run. */
  severity: 'error' | 'warning';
}

/** The custom-size rules of the gpt-image-2 family (the only ones that take `WxH`). */
const FAMILY_SIZE_RULES = (STATIC_CATALOGUE.find('gpt-image-2') as ImageModelEntry).accepts
  .customSizes as CustomSizeRules;

/**
 * What is wrong with a custom `WxH` size under `rules`, or undefined. Every number comes from
 * the catalogue (reference: multiples of 16, long edge ≤ 3840, ratio ≤ 3:1, 655,360 to
 * 8,294,400 pixels).
 */
export const customSizeProblem = (
  size: string,
  rules: CustomSizeRules = FAMILY_SIZE_RULES,
): string | undefined => {
  const match = /^(\d{2,5})x(\d{2,5})$/.exec(size);
  if (!match)
    return `expected one of ${STANDARD_SIZES.join(', ')} or a custom WIDTHxHEIGHT like 2048x1152`;
  const width = Number(match[1]);
  const height = Number(match[2]);
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  const pixels = width * height;
  const m = rules.multipleOf;
  if (width % m !== 0 || height % m !== 0) return `both sides of ${size} must be multiples of ${m}`;
  if (long > rules.maxRatio * short)
    return `the aspect ratio of ${size} must be between 1:${rules.maxRatio} and ${rules.maxRatio}:1`;
  if (long > rules.maxEdge) return `the long side of ${size} is over ${rules.maxEdge} pixels`;
  if (pixels < rules.minPixels)
    return `${size} is ${pixels.toLocaleString('en-US')} pixels, under the minimum of ${rules.minPixels.toLocaleString('en-US')} (e.g. 1024x640)`;
  if (pixels > rules.maxPixels)
    return `${size} is ${pixels.toLocaleString('en-US')} pixels, over the maximum of ${rules.maxPixels.toLocaleString('en-US')} (e.g. 3840x2160)`;
  return undefined;
};

/** The image tool fields these rules look at (generate and edit share them). */
export interface ImageToolChoices {
  size: string;
  quality: string;
  background: string;
  output_format: string;
  complexity?: string;
  input_fidelity?: string;
}

/** Live image models that accept something, for "use … instead" advice. */
const modelsThat = (
  catalogue: ModelCatalogue,
  now: number,
  accepts: (entry: ImageModelEntry) => boolean,
): string => {
  const names = catalogue.entries
    .filter((e): e is ImageModelEntry => e.family === 'image' && accepts(e))
    .filter((e) => catalogue.info(e.id, now).status === 'active')
    .map((e) => e.id);
  return names.length ? names.join(' or ') : 'no live model';
};

/**
 * Checks a node's image tool choices against the image model it will call. A model the
 * catalogue does not know is not checked (the model-lifecycle check warns about it).
 */
export const imageModelProblems = (
  data: ImageToolChoices,
  imageModel: string,
  catalogue: ModelCatalogue = STATIC_CATALOGUE,
  now = Date.now(),
): ModelProblem[] => {
  const entry = catalogue.find(imageModel);
  if (entry?.family !== 'image') return [];
  const { accepts } = entry;
  const problems: ModelProblem[] = [];
  const error = (field: string, message: string) =>
    problems.push({ field, message, severity: 'error' });

  if (!isStandardSize(data.size)) {
    const problem = accepts.customSizes
      ? customSizeProblem(data.size, accepts.customSizes)
      : `custom size ${data.size} needs a model that takes custom sizes (${modelsThat(catalogue, now, (e) => !!e.accepts.customSizes)}); ${imageModel} takes ${STANDARD_SIZES.join(', ')}`;
    if (problem) error('size', problem);
  }
  if (!accepts.qualities.includes(data.quality as ImageQuality))
    error(
      'quality',
      `${imageModel} does not take quality "${data.quality}" (it takes ${accepts.qualities.join(', ')}); ${modelsThat(catalogue, now, (e) => e.accepts.qualities.includes(data.quality as ImageQuality))} do`,
    );
  if (data.background === 'transparent') {
    if (accepts.transparent === 'no')
      error(
        'background',
        `${imageModel} does not make transparent backgrounds; use ${modelsThat(catalogue, now, (e) => e.accepts.transparent === 'yes')}, or background auto or opaque`,
      );
    else if (accepts.transparent === 'preview')
      problems.push({
        field: 'background',
        message: `transparent backgrounds are in preview on ${imageModel}: they may not work; ${modelsThat(catalogue, now, (e) => e.accepts.transparent === 'yes')} support them fully`,
        severity: 'warning',
      });
  }
  if (!accepts.outputFormats.includes(data.output_format as 'png'))
    error(
      'output_format',
      `${imageModel} does not write ${data.output_format} (it writes ${accepts.outputFormats.join(', ')})`,
    );
  if (data.complexity && data.complexity !== 'auto' && !accepts.complexity)
    error(
      'complexity',
      `${imageModel} does not take complexity; set it to Auto, or use ${modelsThat(catalogue, now, (e) => e.accepts.complexity)}`,
    );
  if (
    data.input_fidelity !== undefined &&
    accepts.inputFidelity.length > 0 &&
    !accepts.inputFidelity.includes(data.input_fidelity as 'low')
  )
    error(
      'input_fidelity',
      `${imageModel} takes input fidelity ${accepts.inputFidelity.join(' or ')} only`,
    );
  return problems;
};

/** Whether a model takes `input_fidelity` at all (current models do not: it is omitted). */
export const takesInputFidelity = (imageModel: string, catalogue = STATIC_CATALOGUE): boolean => {
  const entry = catalogue.find(imageModel);
  // An unknown model gets the field only if someone set it away from the default.
  return entry?.family === 'image' ? entry.accepts.inputFidelity.length > 0 : false;
};

/** Whether a model takes `complexity` (the 2.6 models). */
export const takesComplexity = (imageModel: string, catalogue = STATIC_CATALOGUE): boolean => {
  const entry = catalogue.find(imageModel);
  return entry?.family === 'image' && entry.accepts.complexity;
};

/** Whether a model takes `action` (unknown models get it: every current model does). */
export const takesAction = (imageModel: string, catalogue = STATIC_CATALOGUE): boolean => {
  const entry = catalogue.find(imageModel);
  return entry?.family === 'image' ? entry.accepts.action : true;
};
