/** A Roundware client session. */
export interface ClientSessionModel {
  sourceId: string;
  projectId: number;
  languageId: number | null;
  deviceId: string | null;
  clientType: string | null;
  clientSystem: string | null;
  demoStreamEnabled: boolean;
  geoListenEnabled: boolean;
  timeZone: string;
  startTime: Date | null;
  stopTime: Date | null;
}
