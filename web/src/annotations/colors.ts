import type { AnnotationColor } from '@atelier/graph';
import { ANNOTATION_COLORS } from '@atelier/graph';

/** Each named colour on the dark theme: a note's paper, a group's tint and border. */
export const COLOR_HEX: Record<AnnotationColor, string> = {
  yellow: '#f2c14e',
  orange: '#f59e52',
  red: '#ff6b6b',
  pink: '#f472b6',
  purple: '#c792ea',
  blue: '#7c9cff',
  teal: '#2dd4bf',
  green: '#5fd68a',
  grey: '#8b93a7',
};

export const COLORS = ANNOTATION_COLORS;
