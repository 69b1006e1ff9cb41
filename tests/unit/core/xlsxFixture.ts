/**
 * A small map with something of every kind an exported workbook shows, made through the contract: cards with
 * and without colours (one of them text a spreadsheet would take for a formula, one with a control character),
 * a touchpoint, votes, the team's emotion curve and a persona's, quotes on stages and on a card, metrics
 * measured twice, an owner.
 */
import type { Workspace } from '../../../electron/core/workspace.ts';

export const TITLE = 'Onboarding: the first week';

export interface Fixture {
  mapId: string;
  stages: { discover: string; signup: string; use: string };
  lanes: Record<'actions' | 'touch' | 'feeling' | 'evidence' | 'numbers' | 'owners' | 'ideas', string>;
  cards: Record<'finds' | 'sum' | 'phone' | 'at' | 'landing' | 'tour', string>;
  quotes: string[];
  personaId: string;
}

export async function buildFixture(ws: Workspace, title = TITLE): Promise<Fixture> {
  const created = await ws.call('maps.create', { title, template: 'blank' });
  const mapId = created.maps[0]?.id ?? '';
  for (const l of created.lanes) await ws.call('lanes.delete', { id: l.id });
  for (const s of created.stages) await ws.call('stages.delete', { id: s.id });
  const stage = async (name: string, extra: { color?: string; owner?: string } = {}) => (await ws.call('stages.create', { mapId, name, ...extra })).stages[0]?.id ?? '';
  const stages = { discover: await stage('Discover', { color: '#1f3864', owner: 'Marketing' }), signup: await stage('Sign up'), use: await stage('Use') };
  const lane = async (kind: 'text' | 'touchpoints' | 'emotion' | 'evidence' | 'metrics' | 'owners' | 'opportunities', t: string) =>
    (await ws.call('lanes.create', { mapId, kind, title: t })).lanes[0]?.id ?? '';
  const lanes = {
    actions: await lane('text', 'Actions'),
    touch: await lane('touchpoints', 'Touchpoints'),
    feeling: await lane('emotion', 'Feeling'),
    evidence: await lane('evidence', 'Evidence'),
    numbers: await lane('metrics', 'Numbers'),
    owners: await lane('owners', 'Owners'),
    ideas: await lane('opportunities', 'Ideas'),
  };
  const card = async (laneId: string, stageId: string, text: string, extra: { color?: string; channel?: 'web'; votes?: number; evidence?: 'observed' | 'proposed' } = {}) =>
    (await ws.call('cards.create', { laneId, stageId, text, ...extra })).cards[0]?.id ?? '';
  const cards = {
    finds: await card(lanes.actions, stages.discover, 'Finds us\nthrough a friend', { color: '#ffcc00', evidence: 'observed' }),
    sum: await card(lanes.actions, stages.signup, '=SUM(A1:A3)'),
    phone: await card(lanes.actions, stages.signup, '+44 20 7946 0000'),
    at: await card(lanes.actions, stages.use, '@here ping\u0007 the team _x0041_'),
    landing: await card(lanes.touch, stages.discover, 'Landing page', { channel: 'web', evidence: 'observed' }),
    tour: await card(lanes.ideas, stages.use, 'Add a tour', { votes: 3, evidence: 'proposed', color: '#00ff00' }),
  };
  const personaId = (await ws.call('personas.create', { name: 'Ana', role: 'New customer', goals: 'Get started fast', color: '#5b2c6f' })).personas[0]?.id ?? '';
  await ws.call('maps.update', { id: mapId, personaIds: [personaId] });
  await ws.call('emotions.set', { laneId: lanes.feeling, stageId: stages.discover, score: 2, label: 'Curious' });
  await ws.call('emotions.set', { laneId: lanes.feeling, stageId: stages.signup, score: -2, label: 'Annoyed' });
  await ws.call('emotions.set', { laneId: lanes.feeling, stageId: stages.use, score: 0 });
  await ws.call('emotions.set', { laneId: lanes.feeling, stageId: stages.discover, personaId, score: -1, label: 'Lost' });
  await ws.call('metrics.create', { stageId: stages.discover, name: 'entered stage', value: 1200, unit: 'customers', source: 'Analytics', measuredAt: '2026-03-01' });
  await ws.call('metrics.create', { stageId: stages.discover, name: 'entered stage', value: 1500, unit: 'customers', source: 'Analytics', measuredAt: '2026-04-01' });
  await ws.call('metrics.create', { stageId: stages.signup, name: 'Conversion', value: 12.5, unit: '%' });
  const interviewId = (await ws.call('interviews.create', { title: 'Call with Ana', participant: 'Ana B.', personaId, heldOn: '2026-03-05', method: 'interview' })).interviews[0]?.id ?? '';
  const tag = async (name: string) => (await ws.call('tags.list', {})).find((t) => t.name === name)?.id ?? (await ws.call('tags.create', { name })).tags[0]?.id ?? '';
  const forms = await tag('forms');
  const pricing = await tag('Pricing');
  const quote = async (text: string, sentiment: number | null, tagIds: string[] = [], saidOn: string | null = null) =>
    (await ws.call('quotes.create', { interviewId, text, sentiment, tagIds, saidOn })).quotes[0]?.id ?? '';
  const quotes = [
    await quote('The sign-up form asked too much', -2, [forms]),
    await quote('=HYPERLINK("http://example.com")', 1, [pricing, forms]),
    await quote('A friend told me about it', null),
    await quote('I liked the landing page', 2),
    // Said a week after the call (a follow-up message kept in the same interview).
    await quote('The first week was calm', 1, [], '2026-03-12'),
  ];
  await ws.call('quotes.link', { quoteIds: [quotes[0] ?? ''], stageId: stages.signup });
  await ws.call('quotes.link', { quoteIds: [quotes[1] ?? ''], stageId: stages.discover, cardId: cards.finds });
  await ws.call('quotes.link', { quoteIds: [quotes[2] ?? '', quotes[3] ?? '', quotes[4] ?? ''], stageId: stages.discover });
  await ws.call('quotes.link', { quoteIds: [quotes[4] ?? ''], stageId: stages.use });
  return { mapId, stages, lanes, cards, quotes, personaId };
}
