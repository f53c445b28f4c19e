export { PLANSTONE_DEMO } from './demo.js';
export { createPlanstoneEmulator, type PlanstoneEmulatorOptions } from './createPlanstoneEmulator.js';
export { PLANSTONE_DEMO_CONFERENCES, planstoneScaleConference, type PlanstoneConference } from './conferences.js';
