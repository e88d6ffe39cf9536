-- Wallets created before `next_nonce` existed continue from the number of transfers they sent.
UPDATE `wallets` SET `next_nonce` = (SELECT count(*) FROM `transactions` WHERE `transactions`.`wallet_id` = `wallets`.`id`);
