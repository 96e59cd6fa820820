// Placeholder until this command group lands.
import type { Command } from 'commander';

export function register(_program: Command): void {}
