package dev.connectnow.workspace.directory;

public record InviteCodeView(String inviteCode) {}
