# Generated from ui/users_dialog.ui by imsdesk.ui.compile_forms. Do not edit; edit the form.
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'users_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QHBoxLayout, QHeaderView, QLabel,
    QPushButton, QSizePolicy, QSpacerItem, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_UsersDialog(object):
    def setupUi(self, UsersDialog):
        if not UsersDialog.objectName():
            UsersDialog.setObjectName(u"UsersDialog")
        UsersDialog.resize(860, 420)
        UsersDialog.setSizeGripEnabled(True)
        self.outer_layout = QVBoxLayout(UsersDialog)
        self.outer_layout.setObjectName(u"outer_layout")
        self.intro = QLabel(UsersDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.outer_layout.addWidget(self.intro)

        self.body_layout = QHBoxLayout()
        self.body_layout.setObjectName(u"body_layout")
        self.table = QTableWidget(UsersDialog)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)

        self.body_layout.addWidget(self.table)

        self.buttons_layout = QVBoxLayout()
        self.buttons_layout.setObjectName(u"buttons_layout")
        self.add_button = QPushButton(UsersDialog)
        self.add_button.setObjectName(u"add_button")
        self.add_button.setAutoDefault(False)

        self.buttons_layout.addWidget(self.add_button)

        self.password_button = QPushButton(UsersDialog)
        self.password_button.setObjectName(u"password_button")
        self.password_button.setAutoDefault(False)

        self.buttons_layout.addWidget(self.password_button)

        self.role_button = QPushButton(UsersDialog)
        self.role_button.setObjectName(u"role_button")
        self.role_button.setAutoDefault(False)

        self.buttons_layout.addWidget(self.role_button)

        self.active_button = QPushButton(UsersDialog)
        self.active_button.setObjectName(u"active_button")
        self.active_button.setAutoDefault(False)

        self.buttons_layout.addWidget(self.active_button)

        self.buttons_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.buttons_layout.addItem(self.buttons_spacer)


        self.body_layout.addLayout(self.buttons_layout)


        self.outer_layout.addLayout(self.body_layout)

        self.bottom_layout = QHBoxLayout()
        self.bottom_layout.setObjectName(u"bottom_layout")
        self.message = QLabel(UsersDialog)
        self.message.setObjectName(u"message")
        self.message.setWordWrap(True)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.message.sizePolicy().hasHeightForWidth())
        self.message.setSizePolicy(sizePolicy)

        self.bottom_layout.addWidget(self.message)

        self.buttons = QDialogButtonBox(UsersDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.bottom_layout.addWidget(self.buttons)


        self.outer_layout.addLayout(self.bottom_layout)

        QWidget.setTabOrder(self.table, self.add_button)
        QWidget.setTabOrder(self.add_button, self.password_button)
        QWidget.setTabOrder(self.password_button, self.role_button)
        QWidget.setTabOrder(self.role_button, self.active_button)
        QWidget.setTabOrder(self.active_button, self.buttons)

        self.retranslateUi(UsersDialog)

        QMetaObject.connectSlotsByName(UsersDialog)
    # setupUi

    def retranslateUi(self, UsersDialog):
        UsersDialog.setWindowTitle(QCoreApplication.translate("UsersDialog", u"Users", None))
        self.intro.setText(QCoreApplication.translate("UsersDialog", u"The people who sign in to imsdesk on this clinic's database. Accounts are never deleted: a deactivated user cannot sign in, and their visits, signatures and audit entries keep their name. Every change here is recorded in the audit log.", None))
        self.add_button.setText(QCoreApplication.translate("UsersDialog", u"&Add user\u2026", None))
#if QT_CONFIG(tooltip)
        self.add_button.setToolTip(QCoreApplication.translate("UsersDialog", u"Add a therapist, front-desk or administrator account with its password", None))
#endif // QT_CONFIG(tooltip)
        self.password_button.setText(QCoreApplication.translate("UsersDialog", u"Reset &password\u2026", None))
#if QT_CONFIG(tooltip)
        self.password_button.setToolTip(QCoreApplication.translate("UsersDialog", u"Give the selected user a new password (tell it to them in person)", None))
#endif // QT_CONFIG(tooltip)
        self.role_button.setText(QCoreApplication.translate("UsersDialog", u"Change &role\u2026", None))
#if QT_CONFIG(tooltip)
        self.role_button.setToolTip(QCoreApplication.translate("UsersDialog", u"Therapist, front desk or administrator; takes effect at the user's next sign-in", None))
#endif // QT_CONFIG(tooltip)
        self.active_button.setText(QCoreApplication.translate("UsersDialog", u"&Deactivate", None))
#if QT_CONFIG(tooltip)
        self.active_button.setToolTip(QCoreApplication.translate("UsersDialog", u"A deactivated user can no longer sign in; reactivate them at any time", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

