# discussion
