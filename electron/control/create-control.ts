import type { Switchyard } from '../app/create-switchyard.js';
import { createControlHandlers } from './control-handlers.js';
import { feedControlEvents } from './control-events.js';
import { ControlService, type ControlServiceOptions } from './control-service.js';

/** The control API over an engine: its handlers on the engine's services, and its events fed from the engine. */
export function createControlService(app: Switchyard, options: ControlServiceOptions = {}): ControlService {
  const control: ControlService = new ControlService(
    createControlHandlers(app, (event, payload) => control.emit(event, payload)),
    options,
  );
  control.onClose(feedControlEvents(app, (event, payload) => control.emit(event, payload)));
  return control;
}
