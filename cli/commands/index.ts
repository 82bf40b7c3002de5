import type { CommandSpec } from '../command';
import { printerCommands } from './printer';

/**
 * Every kioskctl command. Each device's commands live in their own file and are listed here.
 */
export const commands: readonly CommandSpec[] = [...printerCommands];
