ALTER TABLE `wallets` ADD `next_nonce` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `transactions_wallet_hash` ON `transactions` (`wallet_id`,`tx_hash`);