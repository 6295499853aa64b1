// serverless.yml names this file as a plugin (the Framework loads plugins with require()); the
// plugin itself is TypeScript, type-checked and unit-tested like the rest of scripts/.
module.exports = require('tsx/cjs/api').require('./siyu-guard.ts', __filename).SiyuGuard
