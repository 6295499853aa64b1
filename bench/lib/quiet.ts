// Imported first by each bench: the functions' logger reads its level when its module loads.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT'
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'
