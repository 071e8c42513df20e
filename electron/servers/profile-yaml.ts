/**
 * The YAML parser and writer of profile files, in a module of their own so that profile-transfer.ts loads
 * them with the first export or import (a dynamic import of this file), not with every engine.
 */
export { parseDocument, stringify } from 'yaml';
