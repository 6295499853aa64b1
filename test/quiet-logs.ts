// Handlers log every refusal; tests assert on responses instead, so keep their output readable.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT'
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true' // Node 20 here; runtime on AWS is nodejs22.x
