/* placeholder: being written */
typedef int dii_placeholder_framework_parse;
