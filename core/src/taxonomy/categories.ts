// Human labels of the skill categories, in display order (pickers, rankings, CSV headers).
import type { SkillCategory } from './types.ts'

export const CATEGORY_LABELS: Record<SkillCategory, string> = {
  language: 'Languages',
  runtime: 'Runtimes',
  framework: 'Backend frameworks',
  frontend: 'Frontend',
  mobile: 'Mobile',
  api: 'APIs',
  database: 'Databases',
  messaging: 'Messaging & streaming',
  cloud: 'Cloud',
  containers: 'Containers',
  serverless: 'Serverless',
  infrastructure: 'Infrastructure as code',
  'ci-cd': 'CI/CD',
  observability: 'Observability',
  architecture: 'Architecture',
  data: 'Data',
  os: 'Operating systems',
  testing: 'Testing',
  tools: 'Tools',
}

export const CATEGORIES = Object.keys(CATEGORY_LABELS) as SkillCategory[]
