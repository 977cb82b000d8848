/** The control API's port when none is given; its own module so the CLI's help can show it cheaply. */
export const DEFAULT_CONTROL_PORT = 8790;
