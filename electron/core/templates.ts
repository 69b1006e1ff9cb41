import { z } from 'zod';
import { LANE_KINDS, TEMPLATE_IDS, type TemplateId, type TemplateInfo } from '../api/types.ts';
import data from '../../resources/templates.json' with { type: 'json' };

const templateSchema = z.object({
  id: z.enum(TEMPLATE_IDS),
  name: z.string(),
  description: z.string(),
  mapDescription: z.string().optional(),
  stages: z.array(z.object({ name: z.string().min(1), goal: z.string().optional(), owner: z.string().optional() })),
  lanes: z.array(z.object({ kind: z.enum(LANE_KINDS), title: z.string().min(1) })),
});
export type Template = z.infer<typeof templateSchema>;

const templates: Template[] = z.object({ templates: z.array(templateSchema) }).parse(data).templates;

export function getTemplate(id: TemplateId): Template {
  const template = templates.find((t) => t.id === id);
  if (!template) throw new Error(`Template ${id} is missing from resources/templates.json`);
  return template;
}

export function listTemplates(): TemplateInfo[] {
  return templates.map(({ id, name, description }) => ({ id, name, description }));
}
