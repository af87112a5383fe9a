package org.quorate.protocol;

/**
 * A voter's receipt: where their ballot's entry sits in Quorate's ledger and the entry's hash. Kept,
 * it lets the voter check later ({@code GET /api/ledger/receipts/{hash}}) that the ballot is still
 * in the chain and whether it counted.
 */
public record Receipt(long position, String hash) {}
