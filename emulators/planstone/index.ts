export { PLANSTONE_DEMO } from './demo.js';
export { createPlanstoneEmulator, type PlanstoneEmulatorOptions } from './createPlanstoneEmulator.js';
