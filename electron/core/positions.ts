/**
 * Order keys (fractional keys between neighbours): the pure functions live in the contract's folder
 * (electron/api/positions.ts), so the renderer places a card exactly as the workspace will when it shows a move
 * before the answer (renderer/src/store/predict.ts); the engine uses them from here.
 */
export * from '../api/positions.ts';
