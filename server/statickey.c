/* The broker's static key: made once at init, kept in the state directory
 * as base64 text readable only by the broker's user. */
#include "statickey.h"

#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "error.h"
#include "noise.h"

static void key_path(const char *dir, char *out, size_t cap)
{
	snprintf(out, cap, "%s/broker.key", dir);
}

int hl_statickey_create(const char *dir, uint8_t pub[32])
{
	uint8_t priv[32];
	char path[4096], b64[64];
	int fd, rc;

	key_path(dir, path, sizeof path);
	if ((rc = hl_noise_keypair(pub, priv)) < 0)
		return rc;
	sodium_bin2base64(b64, sizeof b64, priv, 32, sodium_base64_VARIANT_ORIGINAL);
	sodium_memzero(priv, sizeof priv);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		hl_log(HL_LOG_ERROR, "cannot create %s: %s", path, strerror(errno));
		sodium_memzero(b64, sizeof b64);
		return errno == EEXIST ? HL_E_EXISTS : HL_E_IO;
	}
	size_t n = strlen(b64);
	b64[n++] = '\n';
	rc = write(fd, b64, n) == (ssize_t)n && fsync(fd) == 0 ? 0 : HL_E_IO;
	close(fd);
	sodium_memzero(b64, sizeof b64);
	if (rc < 0)
		hl_log(HL_LOG_ERROR, "cannot write %s", path);
	return rc;
}

int hl_statickey_load(const char *dir, uint8_t priv[32], uint8_t pub[32])
{
	char path[4096], b64[128];
	size_t len = 0;
	FILE *f;

	key_path(dir, path, sizeof path);
	if (!(f = fopen(path, "r"))) {
		hl_log(HL_LOG_ERROR, "cannot read %s: %s; run 'hotline-broker init' "
			"first\n", path, strerror(errno));
		return HL_E_IO;
	}
	if (!fgets(b64, sizeof b64, f))
		b64[0] = 0;
	fclose(f);
	b64[strcspn(b64, "\r\n")] = 0;
	if (sodium_base642bin(priv, 32, b64, strlen(b64), NULL, &len, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0 || len != 32) {
		sodium_memzero(b64, sizeof b64);
		hl_log(HL_LOG_ERROR, "%s does not hold a key", path);
		return HL_E_MALFORMED;
	}
	sodium_memzero(b64, sizeof b64);
	return hl_noise_pubkey(priv, pub);
}
