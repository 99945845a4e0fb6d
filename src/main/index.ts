// Electron entry point. Everything Electron-specific lives in ./shell; the core never imports electron.
import './shell/app';
