/**
 * The overview's cards (zoomed out below DETAIL_MIN_SCALE): each visible card as a coloured block at the
 * rectangle the layout gave it, with no text. One Konva shape draws them all, a fill per colour, so a map
 * of thousands of cards is a few thousand fillRect calls per frame and no nodes per card.
 */
import { memo, useMemo } from 'react';
import { Shape } from 'react-konva';
import { useMapStore } from '../store/MapStoreContext.tsx';
import type { MapLayout, Rect, VisibleSet } from './layout.ts';
import { blocksByFill, mergedBlocks, mergesAt, type Block } from './overview.ts';
import { PALETTE } from './palette.ts';

interface CardBlocksProps {
  layout: MapLayout;
  visible: VisibleSet;
  selected: ReadonlySet<string>;
  /** The body's zoom: a selected block's outline stays 2 px on screen. */
  scale: number;
}

export const CardBlocks = memo(function CardBlocks({ layout, visible, selected, scale }: CardBlocksProps) {
  const cards = useMapStore((s) => s.cards);
  // Far out, each cell's runs of one fill are one rectangle (cached per cell, so an edit redoes its cell only).
  const merge = mergesAt(scale);
  const byFill = useMemo(
    () => (merge ? mergedBlocks(layout, visible, cards) : blocksByFill(layout, visible.cardIds, cards, new Map(layout.lanes.map((l) => [l.id, l.kind])))),
    [merge, layout, visible, cards],
  );
  const outlined = useMemo(() => [...selected].flatMap((id) => layout.cards.get(id) ?? []), [layout, selected]);
  return <Blocks byFill={byFill} outlined={outlined} scale={scale} />;
});

/** Rectangles (map units) filled by colour in one shape, and outlines 2 px on screen around some. */
export const Blocks = memo(function Blocks({ byFill, outlined = [], scale }: { byFill: ReadonlyMap<string, readonly Block[]>; outlined?: readonly Rect[]; scale: number }) {
  return (
    <Shape
      listening={false}
      perfectDrawEnabled={false}
      sceneFunc={(ctx) => {
        for (const [fill, blocks] of byFill) {
          ctx.setAttr('fillStyle', fill);
          for (const [x, y, w, h] of blocks) ctx.fillRect(x, y, w, h);
        }
        if (outlined.length === 0) return;
        ctx.setAttr('strokeStyle', PALETTE.accent);
        ctx.setAttr('lineWidth', 2 / scale);
        for (const b of outlined) ctx.strokeRect(b.x, b.y, b.width, b.height);
      }}
    />
  );
});
