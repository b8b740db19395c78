/**
 * The {@code flep-3layer-hardened} data-cipher plugin: the paper's three image layers (sub-block spiral
 * scrambling, DWT-domain blending with a secret image, optional Gaussian noise) rebuilt as a nonce-based,
 * authenticated image cipher. Entry point {@link io.flep.encryption.hardened.HardenedProvider}; construction and
 * security claims in {@link io.flep.encryption.hardened.HardenedImageCipher}; key format in
 * {@link io.flep.encryption.hardened.HardenedKey}; header format in
 * {@link io.flep.encryption.hardened.HardenedHeader}.
 *
 * <p>In short: every keyed value (block permutation, secret image, blending weights, diffusion start states) comes
 * from HKDF-SHA256 and one AES-256-CTR keystream over key and a fresh 128-bit nonce - never from a chaotic map;
 * forward and backward diffusion make the cipher depend on every plaintext sample; an HMAC-SHA256 tag over header,
 * key parameters and cipher samples is checked before any decryption. Decryption is bit-exact with the noise layer
 * off (the default). It is a bespoke construction, not a standardised AEAD: use {@code aes-gcm} for data that need
 * not stay an image, and never reuse a nonce.
 */
package io.flep.encryption.hardened;
