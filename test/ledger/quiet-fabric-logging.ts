/**
 * fabric-contract-api logs every decorator at `info` when a contract class is defined,
 * at a level fixed when the library is first loaded. Imported first by tests that load
 * the library themselves, so that it loads quietly (the embedded ledger does the same).
 */
process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'WARNING';
