// DynamoDB Local on a loaded 2-core CI machine can be many times slower than alone: integration
// tests get a budget that fits that, so none fails for the machine's speed. Speed goals live in bench/.
jest.setTimeout(300_000)
