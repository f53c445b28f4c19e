/** Word lists the seed draws from, so generated data reads like a real conference programme. */

export const TRACK_NAMES = [
  'Keynotes',
  'Workshops',
  'AI & Machine Learning',
  'Cloud Infrastructure',
  'Security',
  'Frontend',
  'Data Engineering',
  'DevOps',
  'Career Growth',
  'Product Management',
  'Mobile',
  'Open Source',
  'Leadership',
  'Design Systems',
  'Developer Experience',
  'Networking',
  'Sponsors',
  'Lightning Talks',
] as const;

/** d3's category10 palette, upper-case as Guidebook stores colors. */
export const TRACK_COLORS = ['#1F77B4', '#FF7F0E', '#2CA02C', '#D62728', '#9467BD', '#8C564B', '#E377C2', '#7F7F7F', '#BCBD22', '#17BECF'] as const;

export const TOPICS = [
  'TypeScript',
  'Rust',
  'Kubernetes',
  'GraphQL',
  'PostgreSQL',
  'Serverless',
  'WebAssembly',
  'React',
  'Observability',
  'Zero Trust',
  'Edge Computing',
  'Large Language Models',
  'Event Sourcing',
  'Design Tokens',
  'Accessibility',
  'Feature Flags',
  'Data Contracts',
  'Platform Engineering',
  'Python',
  'Service Meshes',
  'Vector Databases',
  'CI/CD',
  'Chaos Engineering',
  'API Gateways',
  'Micro-Frontends',
  'OpenTelemetry',
] as const;

export const TITLE_TEMPLATES = [
  'Scaling {topic} at {company}',
  '{topic} in Production: Lessons Learned',
  'Hands-on Workshop: {topic} from Zero to Hero',
  'Panel: The Future of {topic}',
  'Beyond the Hype: A Practical Guide to {topic}',
  'What We Got Wrong About {topic}',
  '{topic} Patterns for Busy Teams',
  'Migrating to {topic} Without Downtime',
  'Debugging {topic}: War Stories',
  'Building Resilient Systems with {topic} and {topic2}',
  'Lightning Talk: {topic} in Five Minutes',
  'Case Study: How {company} Adopted {topic}',
] as const;

export const PLENARY_TITLES = [
  'Registration & Breakfast',
  'Opening Keynote',
  'Coffee Break',
  'Networking Lunch',
  'Afternoon Keynote',
  'Sponsor Expo',
  'Closing Remarks',
  'Evening Reception',
  'Office Hours with the Speakers',
] as const;

export const ROOM_NAMES = [
  'Hall A',
  'Hall B',
  'Ballroom',
  'Room 101',
  'Room 102',
  'Room 204',
  'Workshop Lab 1',
  'Workshop Lab 2',
  'Auditorium',
  'Lobby',
  'Terrace',
  'Sponsor Lounge',
  'Meeting Place',
  'Conference Hall A',
  'Garden Pavilion',
] as const;

export const SCHEDULE_GROUPS = [
  'Sales Team',
  'Marketing Team',
  'Engineering',
  'VIP Guests',
  'Speakers',
  'Volunteers',
  'Press',
  'Partners',
  'Executive Board',
  'First-time Attendees',
  'Customer Success',
  'Sponsors',
] as const;

export const EMAIL_DOMAINS = ['example.com', 'example.org', 'example.net', 'mail.example.com', 'corp.example.org'] as const;
