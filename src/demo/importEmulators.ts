/**
 * The emulated providers' package (top-level `emulators/`): an npm workspace and a dev
 * dependency of the gateway, so `npm ci` in a checkout installs it and a production install
 * (`npm ci --omit=dev --workspaces=false`, the Docker image) does not.
 */
export const EMULATORS_PACKAGE = '@sessions-gateway/emulators';

/** What demo mode uses of the emulators package: its `startEmulators`, and what that returns. */
export interface DemoProviders {
  /** The environment that points the gateway at the emulators, with their demo credentials. */
  env: Record<string, string>;
  close(): Promise<void>;
}
export interface EmulatorsModule {
  startEmulators(): Promise<DemoProviders>;
}

/** Demo mode cannot run in this install; the message is one line saying what to do instead. */
export class DemoUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoUnavailableError';
  }
}

/**
 * Imports the emulators package, or rejects with a DemoUnavailableError when this install
 * cannot run it: the package is absent (a production install), or the process is plain Node
 * (`npm run start:prod`), which cannot load the package's TypeScript sources. Any other
 * failure (a broken emulator) rejects as it is.
 */
export async function importEmulators(specifier: string = EMULATORS_PACKAGE): Promise<EmulatorsModule> {
  try {
    // A specifier in a variable: the compiler neither follows it into the emulators' sources
    // nor emits them into dist/ (the type is the narrow interface above; a test checks it
    // against the package's own).
    return (await import(specifier)) as EmulatorsModule;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : '';
    if (code === 'ERR_MODULE_NOT_FOUND' && message.includes(`'${specifier}'`)) {
      throw new DemoUnavailableError(
        `Demo mode needs the emulators package (${specifier}), installed by \`npm ci\` in a checkout and left out of production installs and the image: run \`npm start\` in a checkout, or set the provider URLs`,
      );
    }
    if (code === 'ERR_UNKNOWN_FILE_EXTENSION') {
      throw new DemoUnavailableError(
        `Demo mode runs the emulators from their TypeScript sources, which plain Node (\`npm run start:prod\`) does not load: run \`npm start\` for demo mode, or set the provider URLs`,
      );
    }
    throw error;
  }
}
