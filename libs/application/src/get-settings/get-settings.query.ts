/** The current system settings and their version (administrators). */
export class GetSettingsQuery {}
