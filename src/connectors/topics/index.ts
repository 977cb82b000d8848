export { LOAD_FORMATS, type LoadFormat, type LoadOptions, recordsFromFile } from "./file-records.ts";
export { KafkaTopics } from "./kafka-topics.ts";
export { StoreTopics } from "./store-topics.ts";
export {
  isInternalTopic,
  type NewTopic,
  type ProducerRecord,
  type ReadStart,
  type TopicAdmin,
  type TopicInfo,
} from "./topic-admin.ts";
