import type { CommandSpec } from '../command';
import { printerCommands } from './printer';
import { devicesListCommand } from './devices';
import { mrzParseCommand } from './mrz';
import { scanCommand } from './scan';
import { idCommands } from './id';

/**
 * Every kioskctl command. Each device's commands live in their own file and are listed here.
 */
export const commands: readonly CommandSpec[] = [...idCommands, ...printerCommands, mrzParseCommand, scanCommand, devicesListCommand];
