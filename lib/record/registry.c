/* registry.c: the one list of record types (schema.h). */
#include <string.h>
#include "record.h"

/* the order the store creates their tables in: referred-to types first */
const struct vk_entity *const vk_entities[] = {
	&vk_entity_stakeholder, &vk_entity_engagement, &vk_entity_input,
	&vk_entity_milestone, &vk_entity_trial, &vk_entity_learning, NULL
};

const struct vk_entity *vk_entity_by_name(const char *name)
{
	for (size_t i = 0; vk_entities[i]; i++)
		if (!strcmp(vk_entities[i]->name, name))
			return vk_entities[i];
	return NULL;
}

const struct vk_entity *vk_entity_by_plural(const char *plural)
{
	for (size_t i = 0; vk_entities[i]; i++)
		if (!strcmp(vk_entities[i]->plural, plural))
			return vk_entities[i];
	return NULL;
}
