/* Protobuf-c messages to JSON by walking their descriptors, so every reply
 * and event prints without a hand-written printer for each. */
#include "pbjson.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static cJSON *enum_json(const ProtobufCEnumDescriptor *ed, int v)
{
	const ProtobufCEnumValue *ev = protobuf_c_enum_descriptor_get_value(ed, v);
	char buf[64];

	if (!ev)
		return cJSON_CreateNumber(v);
	snprintf(buf, sizeof buf, "%s", ev->name);
	for (char *p = buf; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return cJSON_CreateString(buf);
}

static cJSON *bytes_json(const ProtobufCBinaryData *b)
{
	char *hex = malloc(b->len * 2 + 1);
	cJSON *j;

	if (!hex)
		return NULL;
	for (size_t i = 0; i < b->len; i++)
		snprintf(hex + 2 * i, 3, "%02x", b->data[i]);
	hex[b->len * 2] = 0;
	j = cJSON_CreateString(hex);
	free(hex);
	return j;
}

/* One value of field `f` stored at `p`. */
static cJSON *value_json(const ProtobufCFieldDescriptor *f, const void *p, int all)
{
	switch (f->type) {
	case PROTOBUF_C_TYPE_INT32:
	case PROTOBUF_C_TYPE_SINT32:
	case PROTOBUF_C_TYPE_SFIXED32:
		return cJSON_CreateNumber(*(const int32_t *)p);
	case PROTOBUF_C_TYPE_UINT32:
	case PROTOBUF_C_TYPE_FIXED32:
		return cJSON_CreateNumber(*(const uint32_t *)p);
	case PROTOBUF_C_TYPE_INT64:
	case PROTOBUF_C_TYPE_SINT64:
	case PROTOBUF_C_TYPE_SFIXED64:
		return cJSON_CreateNumber((double)*(const int64_t *)p);
	case PROTOBUF_C_TYPE_UINT64:
	case PROTOBUF_C_TYPE_FIXED64:
		return cJSON_CreateNumber((double)*(const uint64_t *)p);
	case PROTOBUF_C_TYPE_FLOAT:
		return cJSON_CreateNumber(*(const float *)p);
	case PROTOBUF_C_TYPE_DOUBLE:
		return cJSON_CreateNumber(*(const double *)p);
	case PROTOBUF_C_TYPE_BOOL:
		return cJSON_CreateBool(*(const protobuf_c_boolean *)p);
	case PROTOBUF_C_TYPE_ENUM:
		return enum_json(f->descriptor, *(const int *)p);
	case PROTOBUF_C_TYPE_STRING:
		return cJSON_CreateString(*(char *const *)p ? *(char *const *)p : "");
	case PROTOBUF_C_TYPE_BYTES:
		return bytes_json(p);
	case PROTOBUF_C_TYPE_MESSAGE:
		return *(ProtobufCMessage *const *)p ? hl_pbjson_from(*(ProtobufCMessage *const *)p, all)
						      : cJSON_CreateNull();
	}
	return cJSON_CreateNull();
}

static size_t type_size(ProtobufCType t)
{
	switch (t) {
	case PROTOBUF_C_TYPE_INT64: case PROTOBUF_C_TYPE_SINT64: case PROTOBUF_C_TYPE_SFIXED64:
	case PROTOBUF_C_TYPE_UINT64: case PROTOBUF_C_TYPE_FIXED64: return 8;
	case PROTOBUF_C_TYPE_DOUBLE: return sizeof(double);
	case PROTOBUF_C_TYPE_BOOL: return sizeof(protobuf_c_boolean);
	case PROTOBUF_C_TYPE_ENUM: return sizeof(int);
	case PROTOBUF_C_TYPE_STRING: return sizeof(char *);
	case PROTOBUF_C_TYPE_BYTES: return sizeof(ProtobufCBinaryData);
	case PROTOBUF_C_TYPE_MESSAGE: return sizeof(ProtobufCMessage *);
	default: return 4;
	}
}

/* proto3 leaves out zero values; so does the JSON unless `all`. */
static int is_default(const ProtobufCFieldDescriptor *f, const void *p)
{
	switch (f->type) {
	case PROTOBUF_C_TYPE_STRING: {
		const char *s = *(char *const *)p;
		return !s || !s[0];
	}
	case PROTOBUF_C_TYPE_BYTES:
		return ((const ProtobufCBinaryData *)p)->len == 0;
	case PROTOBUF_C_TYPE_MESSAGE:
		return *(ProtobufCMessage *const *)p == NULL;
	default: {
		static const uint8_t zero[8];
		return memcmp(p, zero, type_size(f->type)) == 0;
	}
	}
}

cJSON *hl_pbjson_from(const ProtobufCMessage *m, int all)
{
	const ProtobufCMessageDescriptor *d = m->descriptor;
	cJSON *o = cJSON_CreateObject();

	if (!o)
		return NULL;
	for (unsigned i = 0; i < d->n_fields; i++) {
		const ProtobufCFieldDescriptor *f = &d->fields[i];
		const char *base = (const char *)m;
		const void *p = base + f->offset;

		if (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
			if (*(const uint32_t *)(base + f->quantifier_offset) != f->id)
				continue;
		} else if (f->label == PROTOBUF_C_LABEL_REPEATED) {
			size_t n = *(const size_t *)(base + f->quantifier_offset);
			const char *arr = *(char *const *)p;
			cJSON *a = cJSON_CreateArray();
			for (size_t k = 0; k < n; k++)
				cJSON_AddItemToArray(a, value_json(f, arr + k * type_size(f->type), all));
			cJSON_AddItemToObject(o, f->name, a);
			continue;
		} else if (!all && is_default(f, p)) {
			continue;
		}
		cJSON_AddItemToObject(o, f->name, value_json(f, p, all));
	}
	return o;
}
