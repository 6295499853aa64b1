// Browser tests drive the real H5 build through serverless-offline on a shared 2-core machine:
// a generous budget, so none fails for the machine's speed.
jest.setTimeout(300_000)
