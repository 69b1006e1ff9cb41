/**
 * How the evidence looks, in one place: the legend, the curves, the badges and the picker all read these,
 * so a colour or a marker can never mean one thing on the canvas and another in its legend.
 */
import type { Persona } from '../../../electron/api/types.ts';

export const EVIDENCE_STYLE = {
  /** The evidence curve and quote badges. */
  ink: '#6a3fd0',
  tint: '#f3effd',
  rowFill: '#fbfaff',
  rowLine: '#e4dcf8',
  /** Stages where the evidence disagrees with the workshop. */
  warn: '#c7561a',
  warnTint: '#fff1e6',
  /** Stages with no evidence at all. */
  none: '#7d8799',
  noneTint: '#f3f4f7',
  team: '#7b8aa3',
} as const;

/** Marker shapes, one per persona in the map's order (the team's curve is a circle, the evidence a diamond). */
export const PERSONA_SHAPES = ['square', 'triangle', 'pentagon', 'star', 'hexagon'] as const;
export type MarkerShape = (typeof PERSONA_SHAPES)[number] | 'circle' | 'diamond';

const PERSONA_FALLBACK = ['#2f7d6d', '#b5478b', '#3f6fc4', '#a7772a', '#5c6f2b'] as const;

export const personaShape = (index: number): MarkerShape => PERSONA_SHAPES[index % PERSONA_SHAPES.length] ?? 'square';
export const personaColor = (persona: Pick<Persona, 'color'>, index: number): string => persona.color ?? PERSONA_FALLBACK[index % PERSONA_FALLBACK.length] ?? '#2f7d6d';

/** The words a shape is called by, for the picker (a screen reader cannot see the marker). */
export const SHAPE_NAMES: Record<MarkerShape, string> = {
  circle: 'circles',
  diamond: 'diamonds',
  square: 'squares',
  triangle: 'triangles',
  pentagon: 'pentagons',
  star: 'stars',
  hexagon: 'hexagons',
};
