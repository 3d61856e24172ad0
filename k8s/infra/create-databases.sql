-- One database per bounded context; no service reads another's.
CREATE DATABASE connectnow_auth;
CREATE DATABASE connectnow_workspace;
CREATE DATABASE connectnow_channel;
CREATE DATABASE connectnow_message;
CREATE DATABASE connectnow_dm;
CREATE DATABASE connectnow_presence;
